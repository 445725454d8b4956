"""Views of the staff pages; each only validates input and calls actions or selectors."""
