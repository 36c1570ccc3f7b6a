"""The responsibility matrix in the database: the shipped area catalogue, the MSP's own areas, each client's
matrix, its parties and its cells.

- The shipped catalogue (`data/areas.yaml`) is loaded like the 7C framework: global, versioned, never edited
  in place (`AreaCatalogue`, `CatalogueArea`); a matrix keeps the version it was started with.
- The MSP's own areas (`MspArea`) are tenant data; retiring one keeps it (and every letter given to it) but
  leaves it out of matrices started afterwards.
- A cell is one area × party with its letters and a version: a save names the version it read, so of two
  vCIOs editing one cell the second is refused with the first one's letters.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from sevenc.lib.bounds import CODE, NAME, TITLE
from sevenc.raci.matrix import BLOCKS, CELL_VALUES, KINDS

KIND_CHOICES = [(kind, kind.capitalize() if kind != "msp" else "MSP") for kind in KINDS]
BLOCK_CHOICES = [(block, block) for block in BLOCKS]
DUTY_LENGTH = 40
RESERVED_PREFIX = "RA-"  # the shipped catalogue's codes; an MSP's own area never takes one


class AreaCatalogue(models.Model):
    """One version of the shipped responsibility-area catalogue (global, like a framework)."""

    code = models.CharField(max_length=CODE.max_length)
    version = models.CharField(max_length=CODE.max_length)
    name = models.CharField(max_length=NAME.max_length)
    framework = models.ForeignKey("catalogue.Framework", on_delete=models.PROTECT, related_name="+")
    source = models.TextField(blank=True, max_length=TITLE.max_length)
    duties = models.JSONField(default=dict, help_text="Duty category → what it covers, in file order")
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code", "version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="raci_catalogue_code_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code} {self.version})"


class CatalogueArea(models.Model):
    """A shipped responsibility area: a concrete, checkable duty, linked to the 7C items it serves."""

    catalogue = models.ForeignKey(AreaCatalogue, on_delete=models.CASCADE, related_name="areas")
    code = models.CharField(max_length=CODE.max_length)
    title = models.CharField(max_length=TITLE.max_length)
    block = models.CharField(max_length=5, choices=BLOCK_CHOICES)
    critical = models.BooleanField(default=False)
    duty = models.CharField(max_length=DUTY_LENGTH)
    position = models.PositiveIntegerField()
    items = models.ManyToManyField("catalogue.Item", related_name="+")

    class Meta:
        ordering = ["catalogue", "position"]
        constraints = [
            models.UniqueConstraint(fields=["catalogue", "code"], name="raci_catalogue_area_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class MspArea(models.Model):
    """An area the MSP added to the catalogue for all its clients (e.g. "Check the CCTV recorder weekly")."""

    TENANT_PATH = "msp"
    # The MSP's areas are MSP-wide; a client viewer's scope reaches them only through their client's MSP.
    CLIENT_PATH = "msp__clients"

    msp = models.ForeignKey("tenancy.Msp", on_delete=models.CASCADE, related_name="raci_areas")
    code = models.CharField(max_length=CODE.max_length)
    title = models.CharField(max_length=TITLE.max_length)
    block = models.CharField(max_length=5, choices=BLOCK_CHOICES)
    critical = models.BooleanField(default=False)
    duty = models.CharField(
        max_length=DUTY_LENGTH, blank=True, help_text="Template category; empty = starts empty in a matrix"
    )
    items = models.ManyToManyField("catalogue.Item", related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    retired_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["msp", "block", "code"]
        constraints = [
            models.UniqueConstraint("msp", Lower("code"), name="raci_msp_area_code_unique"),
            models.CheckConstraint(
                condition=~Q(code__istartswith=RESERVED_PREFIX), name="raci_msp_area_code_not_reserved"
            ),
            models.CheckConstraint(condition=Q(block__in=BLOCKS), name="raci_msp_area_block_known"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None


class Matrix(models.Model):
    """A client's responsibility matrix: started from a template on one catalogue version."""

    TENANT_PATH = "client__msp"
    CLIENT_PATH = "client"

    client = models.OneToOneField("clients.Client", on_delete=models.CASCADE, related_name="raci_matrix")
    catalogue = models.ForeignKey(AreaCatalogue, on_delete=models.PROTECT, related_name="+")
    template = models.CharField(max_length=CODE.max_length)
    started_at = models.DateTimeField()
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name_plural = "matrices"

    def __str__(self) -> str:
        return f"{self.client} — responsibility matrix"


class Party(models.Model):
    """A member of the client's virtual IT department: an internal role, the MSP, or a vendor."""

    TENANT_PATH = "client__msp"
    CLIENT_PATH = "client"

    client = models.ForeignKey("clients.Client", on_delete=models.CASCADE, related_name="raci_parties")
    code = models.CharField(max_length=CODE.max_length)
    name = models.CharField(max_length=NAME.max_length)
    kind = models.CharField(max_length=10, choices=KIND_CHOICES)
    role = models.CharField(max_length=NAME.max_length, blank=True, help_text="Role or vendor type")
    contact = models.CharField(max_length=NAME.max_length, blank=True)
    contract = models.CharField(max_length=NAME.max_length, blank=True, help_text="Contract or SLA reference")
    renewal = models.DateField(null=True, blank=True)
    is_ceo = models.BooleanField(default=False)
    position = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["client", "position", "pk"]
        constraints = [
            models.UniqueConstraint("client", Lower("code"), name="raci_party_code_unique_per_client"),
            # Exactly one CEO: at most one here; the services refuse to remove or unmark the only one.
            models.UniqueConstraint(
                fields=["client"], condition=Q(is_ceo=True), name="raci_one_ceo_per_client"
            ),
            models.CheckConstraint(condition=Q(kind__in=KINDS), name="raci_party_kind_known"),
            models.CheckConstraint(
                condition=Q(is_ceo=False) | Q(kind="internal"), name="raci_ceo_is_internal"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.name})"

    @property
    def external(self) -> bool:
        return self.kind != "internal"


class Cell(models.Model):
    """One area × party: its letters in R, A, C, I order ("" once cleared), and the version of the last save."""

    TENANT_PATH = "party__client__msp"
    CLIENT_PATH = "party__client"

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="cells")
    # A code rather than a foreign key: an area is a shipped one or one of the MSP's, and both keep
    # their code for good (the catalogue is versioned, the MSP's areas are retired, never deleted).
    area_code = models.CharField(max_length=CODE.max_length)
    letters = models.CharField(max_length=4, blank=True)
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["party", "area_code"]
        constraints = [
            models.UniqueConstraint(fields=["party", "area_code"], name="raci_one_cell_per_area_and_party"),
            models.CheckConstraint(condition=Q(letters__in=CELL_VALUES), name="raci_cell_letters_in_order"),
        ]

    def __str__(self) -> str:
        return f"{self.area_code} × {self.party_id}: {self.letters or '—'}"
