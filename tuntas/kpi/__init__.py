"""KPI dashboard, service-standard compliance and the public statistics page."""
