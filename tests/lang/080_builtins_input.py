# input() reading stdin (fed from 080_builtins_input.in by the runner).
first = input()
print('first line:', repr(first))
name = input('Your name: ')
print('hello', name)
n = int(input())
total = 0
for _ in range(n):
    total += int(input())
print('sum', total)
print('spaces kept:', repr(input()))
try:
    input()
except EOFError as e:
    print('EOFError', repr(str(e)))
