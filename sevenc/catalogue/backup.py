"""Frameworks in a backup: global and versioned, so a backup names them by code and version and names
their items and blocks by code; a restore needs the same frameworks loaded (`sevenc catalogue load`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sevenc.catalogue.models import Block, Framework, Item
from sevenc.lib.backup import BackupFileError, LoadContext


@dataclass
class FrameworkCodes:
    """One loaded framework's ids by code (looked up once per restore)."""

    framework: Framework
    items: dict[str, int] = field(default_factory=dict)
    blocks: dict[str, int] = field(default_factory=dict)

    def item(self, code: str, where: str) -> int:
        if code not in self.items:
            raise BackupFileError(f"{code!r} is not an item of {self.framework.code}", field=where)
        return self.items[code]

    def block(self, code: str, where: str) -> int:
        if code not in self.blocks:
            raise BackupFileError(f"{code!r} is not a block of {self.framework.code}", field=where)
        return self.blocks[code]


def framework_codes(ctx: LoadContext, code: str, version: str, where: str) -> FrameworkCodes:
    frameworks: dict[tuple[str, str], FrameworkCodes] = ctx.shared.setdefault("frameworks", {})
    if (code, version) not in frameworks:
        framework = Framework.objects.filter(code=code, version=version).first()
        if framework is None:
            raise BackupFileError(
                f"the framework {code} {version} is not loaded here; load it first "
                "(sevenc catalogue load FILE)",
                field=where,
            )
        frameworks[code, version] = FrameworkCodes(
            framework,
            dict(Item.objects.filter(framework=framework).values_list("code", "pk")),
            dict(Block.objects.filter(framework=framework).values_list("code", "pk")),
        )
    return frameworks[code, version]


def codes_of_framework(ctx: LoadContext, framework_id: int) -> FrameworkCodes:
    """The codes of a framework an earlier section already resolved (e.g. a workshop's baseline's)."""
    for codes in ctx.shared.get("frameworks", {}).values():
        if codes.framework.pk == framework_id:
            return codes  # type: ignore[no-any-return]
    framework = Framework.objects.get(pk=framework_id)
    return framework_codes(ctx, framework.code, framework.version, "framework")
