a = "abc"
b = 'it\'s'
c = "say \"hi\""
d = """tri
ple"""
e = '''x'''
f = ""
g = "it's"
