"""Lambda entry points (api, sweep, bounces) and their boto3 clients. Imports: every layer."""

# Importing these modules opens nothing: the app, the adapters and the clients are made on
# the first event and kept for the container's life.
