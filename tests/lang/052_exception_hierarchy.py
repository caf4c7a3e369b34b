# The standard exception hierarchy.
pairs = [
    (ZeroDivisionError, ArithmeticError), (OverflowError, ArithmeticError),
    (ArithmeticError, Exception), (KeyError, LookupError), (IndexError, LookupError),
    (LookupError, Exception), (ValueError, Exception), (TypeError, Exception),
    (AttributeError, Exception), (NameError, Exception), (UnboundLocalError, NameError),
    (RuntimeError, Exception), (NotImplementedError, RuntimeError),
    (RecursionError, RuntimeError), (StopIteration, Exception), (AssertionError, Exception),
    (ImportError, Exception), (ModuleNotFoundError, ImportError), (OSError, Exception),
    (FileNotFoundError, OSError), (EOFError, Exception), (MemoryError, Exception),
    (Exception, BaseException), (KeyboardInterrupt, BaseException),
    (SystemExit, BaseException), (KeyboardInterrupt, Exception), (SystemExit, Exception),
    (ValueError, TypeError), (KeyError, IndexError), (UnicodeError, ValueError),
    (SyntaxError, Exception), (IndentationError, SyntaxError),
]
for sub, sup in pairs:
    print(sub.__name__, sup.__name__, issubclass(sub, sup))
print(IOError is OSError, EnvironmentError is OSError)
def catch(exc, by):
    try:
        raise exc('msg')
    except by:
        return 'caught ' + exc.__name__ + ' by ' + by.__name__
    except BaseException:
        return 'not caught ' + exc.__name__ + ' by ' + by.__name__
print(catch(ZeroDivisionError, ArithmeticError))
print(catch(KeyError, LookupError))
print(catch(KeyboardInterrupt, Exception))
print(catch(SystemExit, Exception))
print(catch(RecursionError, RuntimeError))
print(catch(FileNotFoundError, OSError))
e = OSError('disk')
print(isinstance(e, Exception), isinstance(e, BaseException), str(e))
print(str(KeyError('k')), str(KeyError()), str(ValueError()), str(ValueError('a', 'b')))
print(repr(IndexError('i')), repr(StopIteration()), repr(Exception('x', 1)))
