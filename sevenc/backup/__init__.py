"""Whole-MSP backup and restore: one versioned JSON document of one MSP with natural keys, restored into a
new MSP all or nothing. Each domain contributes its sections in `sevenc/<domain>/backup.py` (a `SECTIONS`
tuple of `sevenc.lib.backup.Section`); `SECTION_MODULES` lists those modules in dependency order (a
section may refer only to what an earlier one loaded). Nothing under sevenc imports this package but the
CLI.
"""
