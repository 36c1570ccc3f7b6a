"""Responsibility areas in the database: the shipped catalogue (loaded like the framework) and the MSP's own.

The shipped catalogue is global and versioned: `load_area_catalogue` stores a version once (loading the same
content again is a no-op, other content under the same version is refused), a matrix keeps the version it
started with, so changing `data/areas.yaml` means a new version and existing matrices keep their meaning.

The MSP's own areas (`MspArea`) are added, edited, retired and restored here. A matrix shows the areas of
its catalogue version, then, in each block, the MSP's areas that were not yet retired when it started: a
retired area drops out of new matrices but keeps its place and letters in the older ones.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils import timezone

from sevenc.catalogue.models import Framework, Item
from sevenc.catalogue.services import get_framework, load_packaged_frameworks
from sevenc.lib.errors import Conflict
from sevenc.lib.fields import clean_text
from sevenc.raci.access import require_manager
from sevenc.raci.catalogue import AreaCatalogue as CatalogueSpec
from sevenc.raci.catalogue import load_catalogue
from sevenc.raci.matrix import BLOCKS, Area, RaciError, check_code
from sevenc.raci.models import RESERVED_PREFIX, AreaCatalogue, CatalogueArea, Matrix, MspArea
from sevenc.tenancy.access import Caller
from sevenc.tenancy.scoping import Scope, scoped


class CatalogueConflict(RaciError):
    """The same catalogue code and version is already loaded with other content."""


def _stored_spec(catalogue: AreaCatalogue, *, using: str = "default") -> list[dict[str, Any]]:
    rows = CatalogueArea.objects.using(using).filter(catalogue=catalogue).prefetch_related("items")
    return [
        {
            "code": a.code,
            "title": a.title,
            "block": a.block,
            "critical": a.critical,
            "duty": a.duty,
            "items": sorted(i.code for i in a.items.all()),
        }
        for a in rows.order_by("position")
    ]


def load_area_catalogue(spec: CatalogueSpec, *, using: str = "default") -> tuple[AreaCatalogue, bool]:
    """Store one catalogue version; returns (catalogue, created). The same content again changes nothing."""
    wanted = [
        {
            "code": a.code,
            "title": a.title,
            "block": a.block,
            "critical": a.critical,
            "duty": a.duty,
            "items": sorted(a.items),
        }
        for a in spec.areas
    ]
    with transaction.atomic(using=using):
        existing = AreaCatalogue.objects.using(using).filter(code=spec.code, version=spec.version).first()
        if existing is not None:
            if _stored_spec(existing, using=using) != wanted:
                raise CatalogueConflict(
                    f"area catalogue {spec.code} {spec.version} is already loaded with different content; "
                    "give the changed file a new version so existing matrices keep their meaning"
                )
            return existing, False
        framework = (
            Framework.objects.using(using).filter(code=spec.framework).order_by("-loaded_at", "-pk").first()
        )
        if framework is None:
            raise RaciError(f"area catalogue {spec.code}: framework {spec.framework!r} is not loaded")
        stored = AreaCatalogue.objects.using(using).create(
            code=spec.code,
            version=spec.version,
            name=spec.name,
            framework=framework,
            source=spec.source,
            duties=dict(spec.duties),
        )
        areas = CatalogueArea.objects.using(using).bulk_create(
            CatalogueArea(
                catalogue=stored,
                code=a.code,
                title=a.title,
                block=a.block,
                critical=a.critical,
                duty=a.duty,
                position=n,
            )
            for n, a in enumerate(spec.areas)
        )
        item_ids = dict(Item.objects.using(using).filter(framework=framework).values_list("code", "pk"))
        links = CatalogueArea.items.through
        links.objects.using(using).bulk_create(
            links(cataloguearea_id=area.pk, item_id=item_ids[code])
            for area, a in zip(areas, spec.areas, strict=True)
            for code in a.items
        )
        return stored, True


def shipped_catalogue(*, using: str = "default") -> AreaCatalogue:
    """The shipped catalogue version in the database, loaded first when it is not there yet."""
    spec = load_catalogue()
    found = AreaCatalogue.objects.using(using).filter(code=spec.code, version=spec.version).first()
    if found is not None:
        return found
    load_packaged_frameworks(using=using)  # its items belong to the shipped 7C
    return load_area_catalogue(spec, using=using)[0]


@lru_cache(maxsize=8)
def _catalogue_areas(code: str, version: str) -> tuple[Area, ...]:
    # A (code, version) always holds the same areas (load_area_catalogue refuses anything else): safe to keep.
    rows = (
        CatalogueArea.objects.filter(catalogue__code=code, catalogue__version=version)
        .order_by("position")
        .prefetch_related(Prefetch("items", queryset=Item.objects.order_by("position")))
    )
    return tuple(
        Area(a.code, a.title, a.block, tuple(i.code for i in a.items.all()), a.critical, a.duty) for a in rows
    )


def catalogue_areas(catalogue: AreaCatalogue) -> tuple[Area, ...]:
    return _catalogue_areas(catalogue.code, catalogue.version)


def _as_area(area: MspArea) -> Area:
    items = sorted(area.items.all(), key=lambda item: item.position)
    return Area(area.code, area.title, area.block, tuple(i.code for i in items), area.critical, area.duty)


def msp_areas(scope: Scope, *, active_at: Any = None, retired: bool = False) -> list[MspArea]:
    """The MSP's own areas (with their items): all, or those not retired at `active_at` (None: now)."""
    areas = scoped(MspArea, Scope(scope.msp)).prefetch_related("items")
    if not retired:
        areas = areas.filter(Q(retired_at__isnull=True) | Q(retired_at__gt=active_at or timezone.now()))
    return list(areas.order_by("block", "code"))


def matrix_areas(scope: Scope, matrix: Matrix) -> tuple[Area, ...]:
    """The matrix's rows: its catalogue's areas, then in each block the MSP's areas it includes."""
    own: dict[str, list[Area]] = {}
    for mine in msp_areas(scope, active_at=matrix.started_at):
        own.setdefault(mine.block, []).append(_as_area(mine))
    shipped: dict[str, list[Area]] = {}
    for area in catalogue_areas(matrix.catalogue):
        shipped.setdefault(area.block, []).append(area)
    return tuple(a for block in BLOCKS for a in (*shipped.get(block, []), *own.get(block, [])))


# --- the MSP's own areas ------------------------------------------------------------------------------------


def _items(codes: Iterable[str]) -> list[Item]:
    codes = [code.strip() for code in codes if code.strip()]
    if not codes:
        raise RaciError("name at least one 7C item the area serves (e.g. CONT.1.2)", field="items")
    found = {i.code: i for i in Item.objects.filter(framework=get_framework("7c"), code__in=codes)}
    unknown = [code for code in codes if code not in found]
    if unknown:
        raise RaciError(f"unknown 7C item(s) {', '.join(unknown)}", field="items")
    return [found[code] for code in dict.fromkeys(codes)]


def _fields(title: str, block: str, duty: str) -> tuple[str, str, str]:
    title = clean_text(MspArea, "title", title, required=True)
    if block not in BLOCKS:
        raise RaciError(f"{block!r} is not one of {', '.join(BLOCKS)}", field="block")
    duty = (duty or "").strip()
    if duty and duty not in load_catalogue().duties:
        raise RaciError(f"{duty!r} is not a duty category of the catalogue", field="duty")
    return title, block, duty


def add_area(
    *,
    actor: Caller,
    code: str,
    title: str,
    block: str,
    items: Iterable[str],
    critical: bool = False,
    duty: str = "",
) -> MspArea:
    require_manager(actor)
    code = check_code(code, field="code")
    if code.upper().startswith(RESERVED_PREFIX):
        raise RaciError(
            f"{code!r}: codes starting with {RESERVED_PREFIX} belong to the shipped catalogue", field="code"
        )
    title, block, duty = _fields(title, block, duty)
    linked = _items(items)
    with transaction.atomic():
        if scoped(MspArea, actor.scope).filter(code__iexact=code).exists():
            raise RaciError(f"{code!r} is already one of your areas", field="code")
        area = MspArea.objects.create(
            msp=actor.msp, code=code, title=title, block=block, critical=critical, duty=duty
        )
        area.items.set(linked)
    return area


def _locked(area: MspArea, actor: Caller, expected_version: int | None) -> MspArea:
    current = scoped(MspArea, actor.scope).select_for_update(of=("self",)).get(pk=area.pk)
    if expected_version is not None and current.version != expected_version:
        raise Conflict(
            f"someone changed {current.code} while you edited it; your change was not saved — the page now "
            f"shows theirs ({current.title!r})",
            field="version",
        )
    return current


def update_area(
    *,
    actor: Caller,
    area: MspArea,
    title: str,
    block: str,
    items: Iterable[str],
    critical: bool,
    duty: str = "",
    expected_version: int | None = None,
) -> MspArea:
    """Change an own area's wording, block, items, duty or critical flag; its code never changes."""
    require_manager(actor)
    title, block, duty = _fields(title, block, duty)
    linked = _items(items)
    with transaction.atomic():
        current = _locked(area, actor, expected_version)
        current.title, current.block, current.critical, current.duty = title, block, critical, duty
        current.version += 1
        current.save(update_fields=["title", "block", "critical", "duty", "version"])
        current.items.set(linked)
    return current


def retire_area(
    *, actor: Caller, area: MspArea, retired: bool = True, expected_version: int | None = None
) -> MspArea:
    """Retire (or restore) an own area: matrices started from now on leave it out; older ones keep it."""
    require_manager(actor)
    with transaction.atomic():
        current = _locked(area, actor, expected_version)
        if current.is_retired == retired:
            return current
        current.retired_at = timezone.now() if retired else None
        current.version += 1
        current.save(update_fields=["retired_at", "version"])
    return current
