"""The fault test: workers killed with SIGKILL mid-delivery and mid-sweep (``run_fault_test``).

Not part of the pytest run (it needs PostgreSQL and Redis servers); ``.ci/run`` runs it as
``python -m tests.fault.run_fault_test``. The ``test_*.py`` files here test its parts.
"""
