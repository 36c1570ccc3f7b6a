"""Background jobs: long work (optimising a roadmap, the budget frontier, reminders, and later imports and
backups) runs in `sevenc worker`, off the request path, through django-tasks. A `Job` is the record the
pages poll: state, progress, a message, the result's address, who started it; tenant-scoped like every
model. See docs/architecture.md, "Background jobs".
"""
