if 1:
    # a comment with a backslash \n inside must not continue the line
    x = 1  # trailing \ too
