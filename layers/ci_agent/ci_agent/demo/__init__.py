"""A runnable tour of ci-agent on realistic failing job logs shipped with the package (`make demo`)."""
