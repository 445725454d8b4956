"""Document exports: XLSX, PDF with the Pemda letterhead, and CSV."""
