"""Outgoing webhooks: signed report events to subscribers, delivered through the outbox."""
