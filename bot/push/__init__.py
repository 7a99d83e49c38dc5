"""The daily push: scheduling rules, paced sending, the delivery run and its job."""
