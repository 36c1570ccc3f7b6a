"""The MSP's own service offering mapped onto a framework: coverage, portfolio demand, what to develop
next, upsell and peer benchmarks (docs/offering.md).

The computation is pure (no Django): `coverage`, `portfolio`, `upsell`, `peers`, `service_file`, `tables`,
`exports`. The Django app around it: `models` (the catalogue), `reading` (the portfolio from the database),
`services` (every change), `presenters`, `views`, `forms`, `templatetags`, `demo`.
"""
