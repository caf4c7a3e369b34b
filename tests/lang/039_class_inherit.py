# Single inheritance, overriding, isinstance/issubclass.
class Animal:
    sound = '...'
    def __init__(self, name):
        self.name = name
    def speak(self):
        return self.name + ' says ' + self.sound
    def kind(self):
        return 'animal'
class Dog(Animal):
    sound = 'woof'
    def kind(self):
        return 'dog'
class Puppy(Dog):
    def __init__(self, name, age):
        super().__init__(name)
        self.age = age
    def speak(self):
        return super().speak() + ' (age %d)' % self.age
class Cat(Animal):
    sound = 'meow'
for a in [Animal('generic'), Dog('rex'), Puppy('bit', 1), Cat('tom')]:
    print(a.speak(), '|', a.kind(), '|', type(a).__name__)
p = Puppy('x', 2)
print(isinstance(p, Puppy), isinstance(p, Dog), isinstance(p, Animal), isinstance(p, Cat), isinstance(p, object))
print(issubclass(Puppy, Animal), issubclass(Animal, Dog), issubclass(Dog, Dog), issubclass(Cat, object))
print(isinstance(p, (Cat, Dog)), issubclass(Cat, (Dog, Animal)))
print(Puppy.__bases__[0].__name__, Dog.__bases__[0].__name__, Animal.__bases__[0].__name__)
print([c.__name__ for c in Puppy.__mro__])
class Base:
    def template(self):
        return 'base:' + self.hook()
    def hook(self):
        return 'base-hook'
class Derived(Base):
    def hook(self):
        return 'derived-hook'
print(Base().template(), Derived().template())
print(issubclass(bool, int), isinstance(True, int), issubclass(int, object))
