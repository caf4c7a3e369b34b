# mode: eval
a + b * 2
