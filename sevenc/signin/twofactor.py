"""Two-factor sign-in: a person's authenticator (a django-otp TOTP device) and ten recovery codes (a static
device whose codes work once each). Every change is the person's own and is recorded on them in the audit
trail ("two-factor enrolled", "two-factor disabled", "recovery codes regenerated"); the rows themselves
hold secrets and are neither audited field by field nor backed up (sevenc/audit/tracked.py EXEMPT,
sevenc/backup/document.py NOT_BACKED_UP).
"""

from __future__ import annotations

import base64
import re
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from sevenc.audit.context import WEB, acting
from sevenc.audit.services import record
from sevenc.lib.errors import DomainError, NotAllowed
from sevenc.tenancy.models import Role
from sevenc.tenancy.scoping import membership_of

RECOVERY_CODES = 10
REQUIRED_ROLES = (Role.OWNER, Role.VCIO)
AUTHENTICATOR, RECOVERY = "authenticator", "recovery codes"
_DIGITS = re.compile(r"^\d{6}$")


class TwoFactorError(DomainError):
    """A code that is not right, or a step out of order."""


def _record(user: Any, action: str) -> None:
    person = get_user_model()._default_manager.get(pk=user.pk)  # not the request's lazy user
    with acting(user=person, via=WEB):  # always the person's own doing, signed in yet or not
        record(person, action)


def authenticator_of(user: Any) -> TOTPDevice | None:
    return user.totpdevice_set.filter(confirmed=True).first()  # type: ignore[no-any-return]


def is_enrolled(user: Any) -> bool:
    return bool(user.totpdevice_set.filter(confirmed=True).exists())


def recovery_codes_left(user: Any) -> int:
    device = user.staticdevice_set.filter(confirmed=True).first()
    return 0 if device is None else int(device.token_set.count())


def is_required(user: Any) -> bool:
    """True when the person's MSP requires two-factor for their role (owners and vCIOs)."""
    membership = membership_of(user.pk)
    return bool(membership and membership.role in REQUIRED_ROLES and membership.msp.require_two_factor)


def next_step(user: Any) -> str | None:
    """What sign-in asks after the password: "code", "enrol", or nothing."""
    if is_enrolled(user):
        return "code"
    return "enrol" if is_required(user) else None


def pending_authenticator(user: Any) -> TOTPDevice | None:
    return user.totpdevice_set.filter(confirmed=False).first()  # type: ignore[no-any-return]


def start_enrolment(user: Any) -> TOTPDevice:
    """A new, unconfirmed authenticator (its secret shown as a QR code until a code confirms it)."""
    with transaction.atomic():
        user.totpdevice_set.filter(confirmed=False).delete()
        return TOTPDevice.objects.create(user=user, name=AUTHENTICATOR, confirmed=False)


def _new_recovery_codes(user: Any) -> list[str]:
    user.staticdevice_set.all().delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def normalised(code: str) -> str:
    return re.sub(r"[\s-]", "", code or "").lower()


def confirm_enrolment(user: Any, code: str) -> list[str]:
    """Confirm the pending authenticator with a code it shows; returns the ten new recovery codes (shown
    once). An earlier authenticator is replaced."""
    with transaction.atomic():
        device = user.totpdevice_set.select_for_update().filter(confirmed=False).first()
        if device is None:
            raise TwoFactorError("Start the set-up again: there is no authenticator waiting.", field="code")
        if not _DIGITS.match(normalised(code)) or not device.verify_token(normalised(code)):
            raise TwoFactorError(
                "That code is not right: type the 6 digits your authenticator app shows now.", field="code"
            )
        replacing = user.totpdevice_set.filter(confirmed=True).exclude(pk=device.pk)
        replaced = replacing.exists()
        replacing.delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _new_recovery_codes(user)
        _record(user, "two-factor re-enrolled" if replaced else "two-factor enrolled")
    return codes


def regenerate_recovery_codes(user: Any) -> list[str]:
    with transaction.atomic():
        if not is_enrolled(user):
            raise TwoFactorError("Set up two-factor sign-in first.")
        codes = _new_recovery_codes(user)
        _record(user, "recovery codes regenerated")
    return codes


def verify(user: Any, code: str) -> Device | None:
    """The device that accepts `code` (6 digits: the authenticator; else a recovery code, which is used up),
    or None. Each device also slows down its own repeated failures (django-otp's throttling)."""
    token = normalised(code)
    if not token or len(token) > 32:
        return None
    if _DIGITS.match(token):
        devices: list[Device] = list(user.totpdevice_set.filter(confirmed=True))
    else:
        devices = list(user.staticdevice_set.filter(confirmed=True))
    for device in devices:
        if device.verify_token(token):
            return device
    return None


def disable(user: Any, code: str) -> None:
    """Remove the authenticator and recovery codes, after a current code; refused where the MSP requires
    two-factor for the person's role."""
    if is_required(user):
        raise NotAllowed("Your MSP requires two-factor sign-in for your role: you cannot turn it off.")
    with transaction.atomic():
        if verify(user, code) is None:
            raise TwoFactorError("That code is not right.", field="code")
        user.totpdevice_set.all().delete()
        user.staticdevice_set.all().delete()
        _record(user, "two-factor disabled")


def issuer() -> str:
    return str(getattr(settings, "OTP_TOTP_ISSUER", "sevenc"))


def secret_text(device: TOTPDevice) -> str:
    """The secret as people type it into an app: base32 in groups of four."""
    raw = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// address of the device as an SVG QR code, drawn here (no external service)."""
    import qrcode
    from qrcode.image.svg import SvgPathImage

    image = qrcode.make(device.config_url, image_factory=SvgPathImage, box_size=8, border=2)
    return image.to_string(encoding="unicode")  # type: ignore[no-any-return]
