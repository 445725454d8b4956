"""API endpoints: one class per operation, grouped by who calls them."""
