"""People's pages and API for their notifications, over the outbox: notification
preferences (``/akun/notifikasi/pengaturan/``, ``/api/me/notification-preferences/``) and
the failed-messages page for admins (``/petugas/pesan-gagal/``).

They live apart from ``tuntas.outbox`` because they are built on the staff pages' guard
and the API's base classes, which sit above the outbox (the outbox delivers for reports,
which those import); the outbox itself imports no page or API code. Their templates stay
in ``outbox/templates/outbox/`` and their URL names in the ``outbox`` namespace.
"""
