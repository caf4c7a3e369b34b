"""torch.utils: utilities (wick embeds the data subpackage)."""
