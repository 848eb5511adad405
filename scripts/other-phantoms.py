#!/usr/bin/env python3
# A second chest-phantom generator, written apart from SimSid.Data.Synthetic (other anatomy, lung texture, pose,
# exposure and finding models), to check that choices made on `simsid synth` sets carry over to phantoms the
# product was not shaped on. Not part of the product or of CI; needs NumPy, SciPy and Pillow
# (Debian: apt-get install python3-numpy python3-scipy python3-pil).
#
#   python3 scripts/other-phantoms.py OUT_DIR SEED
#
# writes a ZhangLab-layout set: train/NORMAL (300), val/NORMAL (50) and 10 of each finding, test/NORMAL (200) and
# 40 of each finding, the findings in folders NODULE, HAZE (a diffuse opacity), EFFUSION, PNEUMOTHORAX, CARDIOMEGALY.
import numpy as np, os, sys
np.seterr(over='ignore')  # the logistic edges saturate far from them
from scipy.ndimage import gaussian_filter, map_coordinates
from PIL import Image
N=256
yy,xx=np.mgrid[0:N,0:N].astype(np.float32)
def ell(cx,cy,rx,ry,soft=2.0):
    d=np.sqrt(((xx-cx)/rx)**2+((yy-cy)/ry)**2)
    return 1/(1+np.exp((d-1)*min(rx,ry)/soft))
def noise(rng,sig,amp): 
    n=gaussian_filter(rng.standard_normal((N,N)).astype(np.float32),sig); return n/(n.std()+1e-6)*amp
def anatomy(rng):
    a=dict(cx=128+rng.uniform(-4,4), lw=rng.uniform(44,54), lh=rng.uniform(70,84), ly=rng.uniform(112,124),
           gap=rng.uniform(14,22), hx=rng.uniform(10,18), hw=rng.uniform(40,48), hh=rng.uniform(32,38), hy=rng.uniform(150,158),
           body=rng.uniform(0.42,0.52), lung=rng.uniform(0.14,0.22), ribs=rng.uniform(0.05,0.09), tex=rng.uniform(0.018,0.03))
    return a
def render(rng,a,finding=None):
    f={}
    if finding=='CARDIOMEGALY': a=dict(a,hw=a['hw']*rng.uniform(1.28,1.45),hx=a['hx']+rng.uniform(4,8))
    img=np.full((N,N),0.04,np.float32)
    torso=ell(a['cx'],150,112,150,4); img+=torso*(a['body']-0.04)
    spine=np.exp(-((xx-a['cx'])/10)**2/2)*0.12*torso; img+=spine
    L=[]
    for s in (-1,1):
        lx=a['cx']+s*(a['gap']+a['lw']); m=ell(lx,a['ly'],a['lw'],a['lh'],3)
        m*=1/(1+np.exp((yy-(a['ly']+a['lh']*0.62+0.006*(xx-lx)**2))/2.0))  # the diaphragm's dome
        L.append(m)
    lungs=np.clip(L[0]+L[1],0,1)
    heart=ell(a['cx']+a['hx'],a['hy'],a['hw'],a['hh'],3)
    tex=noise(rng,1.2,a['tex'])+noise(rng,4,a['tex']*1.2)
    ribs=np.zeros((N,N),np.float32)
    for k in range(9):
        for s in (-1,1):
            y0=a['ly']-a['lh']*0.8+k*a['lh']*0.19; xc=a['cx']+s*a['gap']
            yc=y0+0.0045*(xx-xc)**2*(s*(xx-xc)>0)+ (xx-xc)*s*0.25
            band=np.exp(-((yy-yc)/2.6)**2)*(s*(xx-xc)>0)
            ribs+=band
    ribs=np.clip(ribs,0,1)*a['ribs']
    lungval=a['lung']+tex
    if finding=='HAZE':
        cx=a['cx']+rng.choice([-1,1])*(a['gap']+a['lw']*rng.uniform(0.5,1.1)); cy=a['ly']+rng.uniform(-20,40)
        g=np.exp(-(((xx-cx)**2)+((yy-cy)**2))/(2*rng.uniform(20,32)**2))
        lungval=lungval*(1-0.5*g)+g*(a['lung']*0.5+rng.uniform(0.12,0.20))
    if finding=='PNEUMOTHORAX':
        s=rng.choice([0,1]); lx=a['cx']+(2*s-1)*(a['gap']+a['lw'])
        edge=ell(lx+(2*s-1)*a['lw']*0.25,a['ly']-a['lh']*0.15,a['lw']*0.75,a['lh']*0.85,2)
        side=L[s]*(1-edge)
        lungval=lungval*(1-side)+side*(a['lung']*0.55)
        line=np.abs(np.gradient(edge)[1])+np.abs(np.gradient(edge)[0]); lungval+=L[s]*line*0.25
    img=img*(1-lungs)+lungs*(torso*lungval)+ribs*torso
    img=np.maximum(img, heart*(a['body']+0.1)*torso)
    if finding=='NODULE':
        for _ in range(rng.integers(1,3)):
            s=rng.integers(0,2); ys,xs=np.nonzero(L[s]>0.9); i=rng.integers(len(ys))
            img+=ell(xs[i],ys[i],*(rng.uniform(5,10),)*2,1.5)*rng.uniform(0.14,0.24)
    if finding=='EFFUSION':
        s=rng.integers(0,2); ys,_=np.nonzero(L[s]>0.5); top=ys.max()-(ys.max()-ys.min())*rng.uniform(0.18,0.35)
        lx=a['cx']+(2*s-1)*(a['gap']+a['lw'])
        level=top-0.01*np.abs(xx-lx)*(2*s-1)*(xx-lx)  # meniscus rising laterally
        fl=1/(1+np.exp(-(yy-level)/2.0))*L[s]
        img=img*(1-fl)+fl*(a['body']+0.05)
    # pose, exposure, noise
    sc=rng.uniform(0.94,1.06); th=np.deg2rad(rng.uniform(-2,2)); tx,ty=rng.uniform(-6,6,2)
    c,s_=np.cos(th),np.sin(th); X=(xx-128-tx)/sc; Y=(yy-128-ty)/sc
    img=map_coordinates(img,[c*Y-s_*X+128, s_*Y+c*X+128],order=1,mode='nearest')
    img=np.clip(img,0,1)**rng.uniform(0.85,1.15)*rng.uniform(0.9,1.1)
    img=gaussian_filter(img,rng.uniform(0.4,0.9))+rng.standard_normal((N,N))*rng.uniform(0.008,0.018)
    return (np.clip(img,0,1)*255).astype(np.uint8)
def write(root, seed):
    rng=np.random.default_rng(seed)
    F=['NODULE','HAZE','EFFUSION','PNEUMOTHORAX','CARDIOMEGALY']
    plan=[('train',None,300)]+[('val',None,50)]+[('val',f,10) for f in F]+[('test',None,200)]+[('test',f,40) for f in F]
    for split,f,n in plan:
        d=os.path.join(root,split,f or 'NORMAL'); os.makedirs(d,exist_ok=True)
        for i in range(n):
            Image.fromarray(render(rng,anatomy(rng),f)).save(os.path.join(d,f'{(f or "normal").lower()}-{i:04d}.png'))
if __name__=='__main__':
    write(sys.argv[1], int(sys.argv[2]))
