"""The local stack: stand-ins for the outside world, so the real code runs end to end on one machine.

``github.LocalGitHub`` answers the GitHub REST endpoints ci-agent uses from recorded responses.
Nothing here is imported by the Lambda functions.
"""
