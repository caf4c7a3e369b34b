# os: environ, getenv, path basics. The runner sets WICK_TEST_VAR=hello-wick.
import os
print(os.environ['WICK_TEST_VAR'], os.environ.get('WICK_TEST_VAR'), os.getenv('WICK_TEST_VAR'))
print(os.environ.get('WICK_SURELY_UNSET_VAR'), os.getenv('WICK_SURELY_UNSET_VAR'), os.getenv('WICK_SURELY_UNSET_VAR', 'fallback'))
print('WICK_TEST_VAR' in os.environ, 'WICK_SURELY_UNSET_VAR' in os.environ)
try:
    os.environ['WICK_SURELY_UNSET_VAR']
except KeyError as e:
    print('KeyError:', e)
os.environ['WICK_NEW_VAR'] = 'set-in-program'
print(os.environ['WICK_NEW_VAR'], os.getenv('WICK_NEW_VAR'))
print(os.path.join('a', 'b', 'c.txt'), os.path.join('/abs', 'x'), os.path.join('a', '/abs'), os.path.join('a/', 'b'))
print(os.path.basename('/x/y/z.py'), os.path.dirname('/x/y/z.py'), os.path.basename('dir/'), os.path.dirname('file'))
print(os.path.splitext('archive.tar.gz'), os.path.splitext('noext'), os.path.splitext('.hidden'), os.path.split('/a/b/c'))
print(os.path.exists('091_os_module.py'), os.path.exists('no_such_file.xyz'), os.path.isfile('091_os_module.py'), os.path.isdir('.'), os.path.isfile('.'))
print(os.path.isabs('/x'), os.path.isabs('x'), os.sep, os.path.sep)
print(os.path.abspath('x').endswith('/x'), os.path.normpath('a//b/../c/./d'))
print(type(os.getcwd()).__name__, os.path.basename(os.getcwd()))
