"""Forms of the meetings pages: types only; the rules live in the services."""
