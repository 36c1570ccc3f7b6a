"""The MSP's service catalogue as plain data, and the `sevenc-services` file (docs/formats.md). No Django here.

A service has a name, a description, a delivery (`in_house`, or `partner` with the partner's name), a
status (`offered`, `planned`, `retired`), a price model (`per_seat_month`, `flat_month`, `one_time`), a
price and the framework items it serves. `parse_service` validates one service (the web form and the file
use it alike: errors name the field); `parse_services` validates a whole file, naming the entry at fault
(`services[2] (name 'Managed backup'): price: ...`), and nothing is used unless the whole file is valid.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sevenc.catalogue.spec import FrameworkFormatError, FrameworkSpec, packaged_framework
from sevenc.lib.bounds import CODE, LONG_TEXT, MONEY, NAME
from sevenc.lib.errors import DomainError
from sevenc.lib.files import InputFileError, load_json, load_yaml, read_json, read_yaml
from sevenc.lib.validation import reject_unknown_fields

FORMAT = "sevenc-services"
VERSION = 1
DELIVERIES = ("in_house", "partner")
STATUSES = ("offered", "planned", "retired")
PRICE_MODELS = ("per_seat_month", "flat_month", "one_time")
MAX_SERVICES = 1_000  # far beyond any real MSP's list; keeps a pasted file from becoming a denial of service
STARTER_FILE = Path(__file__).resolve().parent / "data" / "starter.yaml"

_TOP_LEVEL = {"format", "version", "framework", "services"}
_SERVICE_KEYS = {"name", "description", "delivery", "partner", "status", "price_model", "price", "items"}
_REQUIRED = ("name", "delivery", "status", "price_model", "price", "items")


class ServiceFileError(DomainError):
    """A service or a service file that cannot be used; the message names the entry and the field."""


@dataclass(frozen=True)
class Service:
    name: str
    delivery: str
    status: str
    price_model: str
    price: Decimal
    items: tuple[str, ...]  # item codes, in framework order, each once
    description: str = ""
    partner: str = ""  # the partner's name when delivery is "partner", else ""

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "description": self.description,
            "delivery": self.delivery,
            "partner": self.partner,
            "status": self.status,
            "price_model": self.price_model,
            "price": float(self.price),
            "items": list(self.items),
        }


@dataclass(frozen=True)
class ServiceCatalogue:
    framework: str
    services: tuple[Service, ...]

    def to_json(self) -> dict[str, Any]:
        """The `sevenc-services` document: services in catalogue order."""
        return {
            "format": FORMAT,
            "version": VERSION,
            "framework": self.framework,
            "services": [service.to_json() for service in self.services],
        }

    def dumps(self) -> str:
        return json.dumps(self.to_json(), indent=2, ensure_ascii=False) + "\n"


def _choice(entry: Mapping[str, Any], key: str, choices: tuple[str, ...]) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or value not in choices:
        shown = repr(value) if isinstance(value, str) else "missing" if value is None else "not text"
        raise ServiceFileError(f"{shown}: give one of {', '.join(choices)}", field=key)
    return value


def _items(raw: Any, spec: FrameworkSpec) -> tuple[str, ...]:
    if not isinstance(raw, list):
        raise ServiceFileError("must be a list of item codes", field="items")
    index = spec.item_index
    seen: dict[str, int] = {}
    for n, code in enumerate(raw):
        if not isinstance(code, str):
            raise ServiceFileError(f"{code!r} must be an item code such as 'CONT.1.2'", field=f"items[{n}]")
        if code not in index:
            raise ServiceFileError(f"unknown item code {code[:40]!r} in {spec.code}", field=f"items[{n}]")
        if code in seen:
            raise ServiceFileError(
                f"{code!r} listed twice (first at items[{seen[code]}])", field=f"items[{n}]"
            )
        seen[code] = n
    return tuple(code for code in index if code in seen)  # framework order: exports stay stable


def parse_service(entry: Any, spec: FrameworkSpec) -> Service:
    """One service, validated against the framework `spec`; errors name the field (`price`, `items[2]`)."""
    try:
        return _service(entry, spec)
    except ServiceFileError:
        raise
    except DomainError as exc:  # from the shared bounds: same message and field, this format's class
        raise ServiceFileError(exc.message, field=exc.field) from None


def _service(entry: Any, spec: FrameworkSpec) -> Service:
    if not isinstance(entry, dict):
        raise ServiceFileError("must be an object")
    reject_unknown_fields(entry, _SERVICE_KEYS, "service", ServiceFileError)
    for key in _REQUIRED:
        if key not in entry:
            raise ServiceFileError("required", field=key)
    delivery = _choice(entry, "delivery", DELIVERIES)
    partner = NAME.clean(entry.get("partner"), field="partner")
    if delivery == "partner" and not partner:
        raise ServiceFileError("required when delivery is 'partner': name the partner", field="partner")
    if delivery == "in_house" and partner:
        raise ServiceFileError("only for delivery 'partner'; leave it empty for in-house", field="partner")
    return Service(
        name=NAME.clean(entry.get("name"), field="name", required=True),
        description=LONG_TEXT.clean(entry.get("description"), field="description"),
        delivery=delivery,
        partner=partner,
        status=_choice(entry, "status", STATUSES),
        price_model=_choice(entry, "price_model", PRICE_MODELS),
        price=MONEY.parse(entry.get("price"), field="price"),
        items=_items(entry.get("items"), spec),
    )


def _label(n: int, entry: Any) -> str:
    """`services[2] (name 'Managed backup')`, or `services[2]` when the name itself is unusable."""
    name = entry.get("name") if isinstance(entry, dict) else None
    if isinstance(name, str) and name.strip() and len(name) <= NAME.max_length:
        return f"services[{n}] (name {name.strip()!r})"
    return f"services[{n}]"


def name_key(name: str) -> str:
    """Two service names are the same name when they differ only in case (`Managed Backup`)."""
    return name.casefold()


def check_unique_names(services: Iterable[Service]) -> None:
    seen: dict[str, int] = {}
    for n, service in enumerate(services):
        key = name_key(service.name)
        if key in seen:
            raise ServiceFileError(
                f"duplicate service name {service.name!r} (first at services[{seen[key]}])",
                field=f"services[{n}]",
            )
        seen[key] = n


FrameworkResolver = Callable[[str], FrameworkSpec]


def parse_services(data: Any, resolve: FrameworkResolver = packaged_framework) -> ServiceCatalogue:
    """A decoded `sevenc-services` document, validated whole; `resolve(code)` finds its framework."""
    if not isinstance(data, dict):
        raise ServiceFileError("must be an object with format, version, framework and services", field="file")
    reject_unknown_fields(data, _TOP_LEVEL, "file", ServiceFileError)
    if data.get("format") != FORMAT:
        raise ServiceFileError(
            f"{data.get('format')!r} is not a service file: give {FORMAT!r}", field="format"
        )
    version = data.get("version")
    if type(version) is not int or version != VERSION:
        raise ServiceFileError(
            f"{version!r} is not supported: this sevenc reads version {VERSION}", field="version"
        )
    try:
        spec = resolve(CODE.clean(data.get("framework"), field="framework", required=True))
    except DomainError as exc:
        raise ServiceFileError(exc.message, field="framework") from None
    except FrameworkFormatError as exc:
        raise ServiceFileError(str(exc), field="framework") from exc
    raw = data.get("services")
    if not isinstance(raw, list):
        raise ServiceFileError("must be a list", field="services")
    if len(raw) > MAX_SERVICES:
        raise ServiceFileError(f"at most {MAX_SERVICES:,} services (this has {len(raw):,})", field="services")
    services = []
    for n, entry in enumerate(raw):
        try:
            services.append(parse_service(entry, spec))
        except ServiceFileError as exc:
            message = f"{exc.field}: {exc.message}" if exc.field else exc.message
            raise ServiceFileError(message, field=_label(n, entry)) from None
    check_unique_names(services)
    return ServiceCatalogue(framework=spec.code, services=tuple(services))


def _is_yaml(name: str) -> bool:
    return name.lower().endswith((".yaml", ".yml"))


def read_service_file(path: str | Path) -> Any:
    """The decoded document through the one safe reader (`sevenc.lib.files`): YAML for `.yaml` / `.yml`,
    JSON otherwise."""
    try:
        return read_yaml(path) if _is_yaml(str(path)) else read_json(path)
    except InputFileError as exc:
        raise ServiceFileError(str(exc)) from None


def decode_service_file(data: bytes, *, name: str) -> Any:
    """An uploaded file's bytes decoded like `read_service_file` (`name` picks YAML or JSON)."""
    try:
        return load_yaml(data, source=name) if _is_yaml(name) else load_json(data, source=name)
    except InputFileError as exc:
        raise ServiceFileError(str(exc)) from None


def load_service_file(path: str | Path, resolve: FrameworkResolver = packaged_framework) -> ServiceCatalogue:
    return parse_services(read_service_file(path), resolve)


def starter_catalogue() -> ServiceCatalogue:
    """The believable starter catalogue the demo MSP ships with (sevenc/offering/data/starter.yaml)."""
    return load_service_file(STARTER_FILE)
