"""Use cases: what ci-agent does with a delivery, composed from the domain, the store and the gateways."""
