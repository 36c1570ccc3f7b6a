"""`sevenc generate`: a believable MSP portfolio of any size, written with bulk inserts (COPY on PostgreSQL).

`shapes` (pure) draws what the data looks like from a seed; `bulk` writes rows fast; `build` puts an MSP
together (people, clients, quarterly assessments and their stored scores, workshops, recommendations,
approved roadmaps with work under way, responsibility matrices, the service catalogue).
"""
