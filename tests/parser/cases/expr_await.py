async def f():
    await x
    y = await g()
    return [await z for z in w]
