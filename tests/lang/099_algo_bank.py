# A small class-based simulation with inheritance and exceptions.
class InsufficientFunds(Exception):
    def __init__(self, needed, available):
        super().__init__('need %d, have %d' % (needed, available))
        self.needed = needed
        self.available = available
class Account:
    interest = 0
    _next_id = 1
    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        self.id = Account._next_id
        Account._next_id += 1
        self.history = []
    def deposit(self, amount):
        if amount <= 0:
            raise ValueError('deposit must be positive')
        self.balance += amount
        self.history.append(('dep', amount))
        return self
    def withdraw(self, amount):
        if amount > self.balance:
            raise InsufficientFunds(amount, self.balance)
        self.balance -= amount
        self.history.append(('wd', amount))
        return self
    def month_end(self):
        self.balance += self.balance * self.interest // 100
    def __repr__(self):
        return '%s#%d(%s, %d)' % (type(self).__name__, self.id, self.owner, self.balance)
class Savings(Account):
    interest = 2
    def withdraw(self, amount):
        if len([h for h in self.history if h[0] == 'wd']) >= 2:
            raise RuntimeError('withdrawal limit reached')
        return super().withdraw(amount)
class Bank:
    def __init__(self):
        self.accounts = {}
    def open(self, cls, owner, initial):
        acct = cls(owner, initial)
        self.accounts[acct.id] = acct
        return acct
    def transfer(self, src, dst, amount):
        try:
            self.accounts[src].withdraw(amount)
        except (InsufficientFunds, RuntimeError) as e:
            return 'failed: %s' % e
        self.accounts[dst].deposit(amount)
        return 'ok'
    def total(self):
        return sum(a.balance for a in self.accounts.values())
bank = Bank()
a = bank.open(Account, 'ann', 100)
b = bank.open(Savings, 'bob', 1000)
print(a, b)
print(bank.transfer(1, 2, 50), bank.transfer(1, 2, 80), bank.transfer(2, 1, 10), bank.transfer(2, 1, 10), bank.transfer(2, 1, 10))
for acct in bank.accounts.values():
    acct.month_end()
print(list(bank.accounts.values()), bank.total())
try:
    a.deposit(-5)
except ValueError as e:
    print('ValueError:', e)
try:
    a.withdraw(10 ** 6)
except InsufficientFunds as e:
    print('InsufficientFunds:', e, e.needed, e.available)
print(a.history, b.history)
