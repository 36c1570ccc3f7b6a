from django.apps import AppConfig


class ExecutionConfig(AppConfig):
    name = "sevenc.execution"
    label = "execution"
    verbose_name = "Execution"

    def ready(self) -> None:
        # Approving a roadmap plans its work: roadmap announces it, execution listens (roadmap must not
        # import execution, which builds on it).
        from sevenc.execution import receivers  # noqa: F401
