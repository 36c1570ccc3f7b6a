"""What the roadmap announces to the domains built on it (they listen; the roadmap imports none of them)."""

from django.dispatch import Signal

# Sent inside the approving transaction, after the recommendations are scheduled: run, actor, on (the
# approval's date). Execution turns the run's scheduled recommendations into work items; a receiver that
# raises undoes the approval.
roadmap_approved = Signal()
