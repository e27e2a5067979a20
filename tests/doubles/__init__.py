"""Test doubles: recording stand-ins for the gateways, kept with the tests that use them (not shipped)."""
