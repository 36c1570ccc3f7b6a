"""The audit trail: who changed what, when, through what (web, API, CLI, system), before → after."""
