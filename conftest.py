# Shared fixtures (an MSP with a user of every role, another MSP's owner, a client) for every test folder.
pytest_plugins = ["tests.fixtures"]
