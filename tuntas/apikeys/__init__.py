"""API keys for integrating applications: scoped, rate limited, revocable, audited."""
