pass
pass; pass
pass;
