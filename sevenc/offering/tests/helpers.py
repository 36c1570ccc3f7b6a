"""A tiny framework and service builders for exact hand-computed numbers."""

from decimal import Decimal

from sevenc.catalogue.spec import parse_framework
from sevenc.offering.service_file import Service

SCALE = [{"level": n, "name": f"L{n}", "description": f"level {n}"} for n in range(5)]

# A: A.1 = {A.1.1 w2, A.1.2 w1}, A.2 = {A.2.1 w0}; B: B.1 = {B.1.1 w1, B.1.2 w3}; Z: Z.1 = {Z.1.1 w0}.
TINY = parse_framework(
    {
        "framework": "tiny",
        "version": "1",
        "name": "Tiny",
        "scale": SCALE,
        "blocks": [
            {
                "code": "A",
                "name": "Alpha",
                "areas": [
                    {
                        "title": "A one",
                        "items": [{"title": "a11", "weight": 2}, {"title": "a12", "weight": 1}],
                    },
                    {"title": "A two", "items": [{"title": "a21", "weight": 0}]},
                ],
            },
            {
                "code": "B",
                "name": "Beta",
                "areas": [
                    {
                        "title": "B one",
                        "items": [{"title": "b11", "weight": 1}, {"title": "b12", "weight": 3}],
                    }
                ],
            },
            {
                "code": "Z",
                "name": "Zero",
                "areas": [{"title": "Z one", "items": [{"title": "z11", "weight": 0}]}],
            },
        ],
    }
)


def resolve_tiny(code):
    from sevenc.catalogue.spec import packaged_framework

    return TINY if code == "tiny" else packaged_framework(code)


def service(
    name="S", *items, delivery="in_house", status="offered", model="flat_month", price="100", partner=""
):
    if delivery == "partner" and not partner:
        partner = "Partner Co"
    return Service(
        name=name,
        delivery=delivery,
        status=status,
        price_model=model,
        price=Decimal(price),
        items=tuple(items),
        partner=partner,
    )
