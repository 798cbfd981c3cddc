# visitnote: the manual's visit note (到访留言便条) as text or PDF, with the
# R5/R6 rule checks and a work-order log line per visit.
PROGS += visitnote
visitnote_SRCS := $(sort $(wildcard src/visitnote/*.c))
visitnote_PKGS := pangocairo pango cairo cairo-pdf
