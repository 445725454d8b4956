"""Open311 GeoReport v2 server (JSON and XML) over the reports, categories and clocks."""
