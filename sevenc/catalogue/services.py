"""Load frameworks into the database and read them back as plain `FrameworkSpec` data."""

from __future__ import annotations

from django.db import transaction

from sevenc.catalogue.models import Area, Block, Framework, Item, ScaleLevel
from sevenc.catalogue.spec import FrameworkFormatError, FrameworkSpec, packaged_frameworks


class FrameworkConflict(FrameworkFormatError):
    """The same code and version is already loaded with other content."""


def load_framework(spec: FrameworkSpec, *, using: str = "default") -> tuple[Framework, bool]:
    """Store a framework; returns (framework, created). Loading identical content again is a no-op."""
    with transaction.atomic(using=using):
        existing = Framework.objects.using(using).filter(code=spec.code, version=spec.version).first()
        if existing is not None:
            if framework_spec(existing, using=using).to_json() != spec.to_json():
                raise FrameworkConflict(
                    f"framework {spec.code} {spec.version} is already loaded with different content; "
                    "give the changed file a new version so existing assessments keep their meaning"
                )
            return existing, False
        framework = Framework.objects.using(using).create(
            code=spec.code, version=spec.version, name=spec.name, source=spec.source
        )
        ScaleLevel.objects.using(using).bulk_create(
            ScaleLevel(framework=framework, level=s.level, name=s.name, description=s.description)
            for s in spec.scale
        )
        position = 0
        for block_position, block_spec in enumerate(spec.blocks):
            block = Block.objects.using(using).create(
                framework=framework,
                code=block_spec.code,
                name=block_spec.name,
                question=block_spec.question,
                description=block_spec.description,
                position=block_position,
            )
            for area_position, area_spec in enumerate(block_spec.areas):
                area = Area.objects.using(using).create(
                    block=block,
                    code=area_spec.code,
                    title=area_spec.title,
                    description=area_spec.description,
                    position=area_position,
                )
                items = []
                for item_spec in area_spec.items:
                    items.append(
                        Item(
                            framework=framework,
                            area=area,
                            code=item_spec.code,
                            title=item_spec.title,
                            default_weight=item_spec.weight,
                            position=position,
                        )
                    )
                    position += 1
                Item.objects.using(using).bulk_create(items)
        return framework, True


def load_packaged_frameworks(*, using: str = "default") -> None:
    for spec in packaged_frameworks().values():
        load_framework(spec, using=using)


_SPECS: dict[tuple[object, ...], FrameworkSpec] = {}


def stored_spec(framework: Framework) -> FrameworkSpec:
    """`framework_spec`, read once per framework per process (for pages and the API, which show the same
    framework on every request). A stored framework (code, version) never changes; the key includes when it
    was loaded, so a framework deleted and loaded again is read afresh."""
    key = (framework.pk, framework.code, framework.version, framework.loaded_at)
    spec = _SPECS.get(key)
    if spec is None:
        if len(_SPECS) > 32:  # a test suite loads frameworks again and again; a server has a handful
            _SPECS.clear()
        spec = _SPECS[key] = framework_spec(framework)
    return spec


def framework_spec(framework: Framework, *, using: str = "default") -> FrameworkSpec:
    """Rebuild the plain spec of a stored framework (three queries)."""
    from sevenc.catalogue.spec import AreaSpec, BlockSpec, ItemSpec
    from sevenc.catalogue.spec import ScaleLevel as ScaleSpec

    blocks = list(Block.objects.using(using).filter(framework=framework).order_by("position"))
    areas = list(
        Area.objects.using(using).filter(block__framework=framework).order_by("block__position", "position")
    )
    items = list(Item.objects.using(using).filter(framework=framework).order_by("position"))
    block_code = {b.pk: b.code for b in blocks}
    area_code = {a.pk: a.code for a in areas}
    area_block = {a.pk: block_code[a.block_id] for a in areas}
    items_by_area: dict[int, list[ItemSpec]] = {a.pk: [] for a in areas}
    for item in items:
        area_id = item.area_id
        items_by_area[area_id].append(
            ItemSpec(item.code, item.title, item.default_weight, area_code[area_id], area_block[area_id])
        )
    areas_by_block: dict[int, list[AreaSpec]] = {b.pk: [] for b in blocks}
    for area in areas:
        areas_by_block[area.block_id].append(
            AreaSpec(area.code, area.title, area.description, tuple(items_by_area[area.pk]))
        )
    return FrameworkSpec(
        code=framework.code,
        version=framework.version,
        name=framework.name,
        source=framework.source,
        scale=tuple(
            ScaleSpec(s.level, s.name, s.description)
            for s in ScaleLevel.objects.using(using).filter(framework=framework).order_by("level")
        ),
        blocks=tuple(
            BlockSpec(b.code, b.name, b.question, b.description, tuple(areas_by_block[b.pk])) for b in blocks
        ),
    )


def get_framework(code: str, version: str | None = None) -> Framework:
    """The stored framework `code` at `version`, or its newest version when none is given."""
    frameworks = Framework.objects.filter(code=code)
    if version is not None:
        frameworks = frameworks.filter(version=version)
    framework = frameworks.order_by("-loaded_at", "-pk").first()
    if framework is None:
        wanted = f"{code} {version}" if version else code
        raise FrameworkFormatError(f"framework {wanted!r} is not loaded (see `sevenc catalogue load`)")
    return framework
