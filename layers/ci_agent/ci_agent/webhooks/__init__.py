"""GitHub webhooks: signature check, typed payloads and (event, action) routing."""
