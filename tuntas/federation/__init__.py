"""Federation: forwarding a report to another Tuntas deployment and mirroring its status back."""
