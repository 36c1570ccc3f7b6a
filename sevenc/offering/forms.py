"""Offering forms: they parse input; `sevenc.offering.services` checks and stores it."""

from __future__ import annotations

from typing import Any

from django import forms

from sevenc.catalogue.spec import FrameworkSpec
from sevenc.lib.bounds import LONG_TEXT, MONEY, NAME
from sevenc.lib.forms import number_field, text_field
from sevenc.offering.models import Delivery, PriceModel, Service, Status

EXPORT_LISTS = ("catalogue", "coverage", "develop-next", "upsell")
EXPORT_FORMATS = ("csv", "xlsx")


class ServiceForm(forms.Form):
    name = text_field(NAME, required=True)
    description = text_field(LONG_TEXT, textarea=True)
    price_model = forms.ChoiceField(choices=PriceModel.choices, label="Price model")
    price = number_field(MONEY, label="Price")
    delivery = forms.ChoiceField(choices=Delivery.choices, initial=Delivery.IN_HOUSE)
    partner = text_field(NAME, label="Partner's name", help_text="Only for services a partner delivers")
    status = forms.ChoiceField(choices=Status.choices, initial=Status.OFFERED)
    items = forms.MultipleChoiceField(required=False, label="7C items it serves")
    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args: Any, spec: FrameworkSpec, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.spec = spec
        self.fields["items"].choices = [(item.code, f"{item.code} {item.title}") for item in spec.items()]  # type: ignore[attr-defined]

    @classmethod
    def initial_of(cls, service: Service, items: list[str]) -> dict[str, Any]:
        return {
            "name": service.name,
            "description": service.description,
            "price_model": service.price_model,
            "price": service.price,
            "delivery": service.delivery,
            "partner": service.partner,
            "status": service.status,
            "items": items,
            "version": service.version,
        }

    def item_groups(self) -> list[tuple[Any, list[tuple[Any, list[tuple[Any, bool]]]]]]:
        """Blocks → areas → (item, checked), for a checkbox per item grouped like the framework."""
        chosen = set(self["items"].value() or [])
        return [
            (block, [(area, [(item, item.code in chosen) for item in area.items]) for area in block.areas])
            for block in self.spec.blocks
        ]


class VersionForm(forms.Form):
    version = forms.IntegerField(required=False, min_value=0)


class ImportForm(forms.Form):
    file = forms.FileField(label="Service file (sevenc-services JSON or YAML)")


class TemplateServiceForm(forms.Form):
    service = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, label="Service")

    def __init__(self, *args: Any, services: list[Service], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = [("", "— none —"), *[(s.pk, s.name) for s in services]]  # type: ignore[attr-defined]


class ExportForm(forms.Form):
    list = forms.ChoiceField(choices=[(name, name) for name in EXPORT_LISTS])
    format = forms.ChoiceField(choices=[(name, name) for name in EXPORT_FORMATS], required=False)
    vcio = forms.CharField(required=False)
