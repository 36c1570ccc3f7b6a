"""The REST API under /api/v1 (django-ninja): one NinjaAPI, its authentication, its one error shape, and
the list of domain routers (`site.DOMAIN_ROUTERS`). Each domain writes its endpoints in
`sevenc/<domain>/api.py` (a ninja `Router` named `router`) and adds one line to that list.

Nothing under sevenc imports this package but the URL conf: domains share only `sevenc.lib.api`.
"""
