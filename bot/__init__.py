"""pariscall's core: answers questions about the Paris Call from sourced YAML content."""

__version__ = "0.1.0"
