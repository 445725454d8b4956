"""Oversight documents: daily recap, quarterly report with sign-off, monitoring and evaluation."""
