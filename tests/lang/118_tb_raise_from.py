# Uncaught exception with an explicit cause: raise ... from ...
class ConfigError(Exception):
    pass

def read_port(cfg):
    try:
        return int(cfg['port'])
    except KeyError as e:
        raise ConfigError('port is not configured') from e

read_port({'host': 'localhost'})
