"""Personal API tokens: a person's key to the REST API (`sevenc.api`), carrying their MSP and role.

Shown once, stored as a hash, optionally expiring, revocable; listed and created on the person's own
settings page and by `sevenc token create`. A token authenticates its user; the user's membership then
decides everything else, exactly as for a signed-in session (`Caller.of_membership`).
"""
