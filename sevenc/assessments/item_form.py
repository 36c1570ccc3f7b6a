"""One assessment item's form as HTML, built in Python.

The workspace shows all 139 items at once; through the template engine each item costs ~300 template
nodes and the page took about a second to render, so the item is built here with `format_html` (every
value escaped) in a fraction of that. `assessments/_item_saved.html` uses the same function (through the
`{% item_form %}` tag) for an item swapped in after a conflict, so there is one definition of the markup.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from sevenc.assessments.sheets import ItemRow
from sevenc.assessments.workflow import Rights


@functools.lru_cache(maxsize=512)  # a handful of distinct radios (scale × checked × disabled) per framework
def _radio(value: str, text: str, title: str, checked: bool, disabled: str) -> str:
    return format_html(
        '<label title="{}"><input type="radio" name="level" value="{}"{}{}><span>{}</span></label>',
        title,
        value,
        mark_safe(" checked") if checked else "",
        disabled,
        text,
    )


def item_form(
    *,
    item: ItemRow,
    assessment_pk: int,
    rights: Rights,
    levels: Sequence[tuple[int, str, str]],
    note_fields: Sequence[tuple[str, str]],
    csrf_token: str,
    error: str = "",
    oob: bool = False,
) -> SafeString:
    dom = item.code.replace(".", "-")
    url = reverse("assessment_item", args=[assessment_pk, item.code])
    disabled = mark_safe(" disabled") if not rights.edit_levels else ""
    response = item.response
    radios = [_radio("", "–", "Unanswered", not item.answered, disabled)]
    radios += [
        _radio(
            str(level),
            str(level),
            f"{level} {name}: {description}",
            item.level == level and not item.na,
            disabled,
        )
        for level, name, description in levels
    ]
    radios.append(_radio("na", "N/A", "Not applicable to this client", item.na, disabled))
    notes = {key: getattr(response, key, "") if response else "" for key, _ in note_fields}
    fields = "".join(
        format_html(
            '<div class="field"><label for="{key}-{dom}">{label}</label><textarea id="{key}-{dom}" name="{key}" '
            'rows="2"{readonly}>{value}</textarea></div>',
            key=key,
            dom=dom,
            label=label,
            value=notes[key],
            readonly=mark_safe("") if key in rights.notes else mark_safe(' readonly aria-readonly="true"'),
        )
        for key, label in note_fields
    )
    has_notes = any(notes.values())
    live = (
        format_html(' hx-post="{}" hx-trigger="change" hx-swap="none" hx-sync="this:queue all"', url)
        if not rights.read_only
        else ""
    )
    weight = (
        format_html(' <span class="small muted" title="Weight">×{}</span>', item.weight)
        if item.weight != 1
        else ""
    )
    state = escape(error) if error else ("✓" if item.answered else "")
    save = mark_safe('<button class="btn" type="submit">Save</button>') if not rights.read_only else ""
    return format_html(
        '<form class="item" id="item-{dom}" tabindex="0" data-item="{code}" method="post" action="{url}"{live}{oob}'
        ' aria-label="{code} {title}"><input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">'
        '<input type="hidden" name="version" id="version-{dom}" value="{version}">'
        '<input type="hidden" name="changed" value="">'
        '<div class="code">{code}</div><div class="title">{title}{weight}</div>'
        '<div class="actions"><fieldset class="levels"><legend>Level for {code}</legend>{radios}</fieldset>'
        '<span class="state{error_class}" id="state-{dom}" role="status">{state}</span></div>'
        '<details{has_notes}><summary>Notes{dot}</summary><div class="notes">{fields}</div></details>'
        "<noscript>{save}</noscript></form>",
        dom=dom,
        code=item.code,
        url=url,
        live=live,
        oob=mark_safe(' hx-swap-oob="true"') if oob else "",
        title=item.title,
        csrf=csrf_token,
        version=response.version if response else 0,
        weight=weight,
        radios=mark_safe("".join(radios)),
        error_class=" error" if error else "",
        state=state,
        has_notes=mark_safe(" data-has-notes") if has_notes else "",
        dot=" ●" if has_notes else "",
        fields=mark_safe(fields),
        save=save,
    )
