from django_tasks_db.management.commands.db_worker import Command as DbWorker


class Command(DbWorker):
    help = (
        "Startet einen Hintergrund-Worker für alle Warteschlangen. Beliebig viele Worker können "
        "parallel laufen, auch auf mehreren Rechnern gegen dieselbe PostgreSQL-Datenbank."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(queue_name="*", reload=False)
