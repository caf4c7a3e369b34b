a = "héllo wörld"
b = "日本語"
c = "\N{EM DASH}"
d = u"x"
