x = lambda: 
